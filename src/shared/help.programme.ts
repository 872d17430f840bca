/**
 * A municipality's name for its volunteer help ("Genk Helpt", "As Helpt"): in the app and its e-mails.
 * On its own, without the schemas beside it, so the web app's texts can use it without loading zod.
 */
export const helpProgrammeName = (municipality: string | null | undefined) =>
  municipality ? `${municipality} Helpt` : 'Samen Helpt';
