import type { i18n as I18n } from 'i18next';

/**
 * Why a row of an imported file was refused, in the reader's language: the server sends a stable
 * `code` with its `params` (src/shared/import-reasons.ts) beside an English `reason`. The words are
 * `<prefix>.<code>` (`signals.upload.reasons`, `registry.import.reasons`); a `params.hint` picks a
 * variant (`missing_column_separator`). A code without words, or an error without a code, shows the
 * server's English reason.
 */
export function rowReason(
  i18n: Pick<I18n, 'exists' | 't'>,
  prefix: string,
  error: { code?: unknown; params?: unknown; reason: string },
): string {
  if (typeof error.code !== 'string' || !/^[a-z_]+$/.test(error.code)) return error.reason;
  const params =
    error.params && typeof error.params === 'object' ? (error.params as Record<string, unknown>) : {};
  const options = {
    ...params,
    context: typeof params.hint === 'string' ? params.hint : undefined,
  };
  const key = `${prefix}.${error.code}`;
  return i18n.exists(key, options) ? String(i18n.t(key, options)) : error.reason;
}
