import { useNavigation } from "@remix-run/react";

/** A primary button that says what it is doing while its form is on its way. */
export function SubmitButton({
  children,
  pendingText,
  name,
  value,
  variant = "primary",
}: {
  children: React.ReactNode;
  pendingText?: string;
  name?: string;
  value?: string;
  variant?: "primary" | "secondary" | "warning";
}) {
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && (name === undefined || navigation.formData?.get(name) === value);
  const className = variant === "primary" ? "button" : `button button--${variant}`;
  return (
    <button type="submit" className={className} name={name} value={value} aria-disabled={pending || undefined}>
      {pending && pendingText ? pendingText : children}
    </button>
  );
}
