// Where keyboard focus goes after a navigation or a form submission (ADR 024). Without this, a
// client-side navigation leaves focus on a link that is gone (the browser drops it to <body>) and a
// screen-reader user hears nothing about the new page or the action's result.
//
// After each navigation or submission settles:
// 1. a field the answer marked invalid → the first one (its message is its description);
// 2. else a message the answer put in the page (role="alert" / role="status" inside <main>, not a
//    live region that was already there) → that message;
// 3. else, on a new page (another path) → its h1 (else <main>), unless the page focused something
//    itself (autoFocus);
// 4. else (a GET on the same page: filters, search as you type, paging) → focus stays where it is,
//    unless it was lost to <body>, then the h1.
import { useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";

function focusElement(el: HTMLElement | null | undefined): boolean {
  if (!el) return false;
  if (!el.matches("a[href], button, input, select, textarea, summary, [tabindex]")) el.setAttribute("tabindex", "-1");
  el.focus();
  return document.activeElement === el;
}

function headingOrMain(main: HTMLElement): HTMLElement {
  return main.querySelector<HTMLElement>("h1") ?? main;
}

export function FocusOnNavigation() {
  const navigation = useNavigation();
  const location = useLocation();
  const pending = useRef<{ path: string; method: string; messages: Set<Element>; focused: Element | null } | null>(
    null,
  );

  useEffect(() => {
    const main = document.getElementById("main");
    if (navigation.state !== "idle") {
      // Remember what was on the page when the navigation began, to tell new messages from old ones.
      pending.current ??= {
        path: location.pathname,
        method: (navigation.formMethod ?? "get").toLowerCase(),
        messages: new Set(main?.querySelectorAll('[role="alert"], [role="status"]') ?? []),
        focused: document.activeElement,
      };
      return;
    }
    const before = pending.current;
    pending.current = null;
    if (!before || !main) return;
    // After React has painted the new page.
    requestAnimationFrame(() => {
      const invalid = main.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (before.method !== "get" && focusElement(invalid)) return;
      const message = [...main.querySelectorAll<HTMLElement>('[role="alert"], [role="status"]')].find(
        (m) => !before.messages.has(m) && m.textContent?.trim() && !m.hasAttribute("aria-live"),
      );
      if (before.method !== "get" && focusElement(message)) return;
      if (location.pathname !== before.path) {
        // The new page put focus somewhere itself (autoFocus on a search box): leave it there.
        const own = document.activeElement;
        if (own && own !== before.focused && own !== document.body && main.contains(own)) return;
        focusElement(message ?? headingOrMain(main));
        return;
      }
      if (document.activeElement === document.body || !document.activeElement?.isConnected)
        focusElement(headingOrMain(main));
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [navigation.state]);
  return null;
}
