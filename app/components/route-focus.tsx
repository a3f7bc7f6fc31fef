import { useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * After a client-side navigation, move focus to the main content (as a full page load would put
 * the reader at the top), so keyboard and screen reader users know the page changed.
 */
export function RouteFocus() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (location.hash) return;
    // An error summary that took focus on this page keeps it.
    if (document.activeElement?.closest(".error-summary")) return;
    document.getElementById("main-content")?.focus({ preventScroll: true });
  }, [location.key, location.hash]);
  return null;
}
