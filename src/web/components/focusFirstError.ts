/**
 * After a form was refused, the focus moves to its first field marked invalid (or the alert when no
 * field is), so keyboard and screen-reader users land on what to mend instead of staying on the
 * button. Called with the form from the submit event; it looks once the page has shown the errors.
 */
export function focusFirstError(form: HTMLFormElement | null): void {
  if (!form) return;
  window.setTimeout(() => {
    const target =
      form.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form.querySelector<HTMLElement>('[role="alert"]');
    if (!target) return;
    if (target.getAttribute('role') === 'alert' && !target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus();
  }, 0);
}
