// The password rules people are told about (the checks themselves are in validation.ts).
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
