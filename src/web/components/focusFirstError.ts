/**
 * After a form was refused, the focus moves to its first field marked invalid (or the alert when no
 * field is), so keyboard and screen-reader users land on what to mend instead of staying on the
 * button. Called with the form from the submit event; the errors show once React has rendered them,
 * so it looks again on the next frames, for a short while.
 */
export function focusFirstError(form: HTMLFormElement | null, tries = 20): void {
  if (!form) return;
  const target =
    form.querySelector<HTMLElement>('[aria-invalid="true"]') ??
    form.querySelector<HTMLElement>('[role="alert"]');
  if (!target) {
    if (tries > 0) window.requestAnimationFrame(() => focusFirstError(form, tries - 1));
    return;
  }
  if (target.getAttribute('role') === 'alert' && !target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus();
}
