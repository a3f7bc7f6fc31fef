export type FlashMessage = { kind: "success" | "error" | "info"; text: string };

const TITLES: Record<FlashMessage["kind"], string> = {
  success: "Success",
  error: "There is a problem",
  info: "Important",
};

/**
 * The notification banner shown after an action (from the flash cookie). Errors interrupt
 * (role="alert"); success and information wait their turn (role="status").
 */
export function Flash({ message }: { message: FlashMessage | null | undefined }) {
  if (!message || !message.text) return null;
  const { kind, text } = message;
  return (
    <div className={`flash flash--${kind}`} role={kind === "error" ? "alert" : "status"}>
      <p className="flash__title">{TITLES[kind]}</p>
      <p className="flash__text">{text}</p>
    </div>
  );
}
