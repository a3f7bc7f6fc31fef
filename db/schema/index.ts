export * from "./accounts";
export * from "./audit";
export * from "./outbox";
export * from "./ops";
export * from "./rounds";
export * from "./ideas";
export * from "./conversation";
export * from "./panel";
