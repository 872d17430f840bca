import type { Language } from '../identity/identity.service.ts';

/**
 * The words Genk Helpt writes outside the web app — its e-mails — in the reader's own language:
 * the language a volunteer chose when signing up (kept on their account). Dutch first; the web
 * app's own words live in src/web/i18n.
 */
interface Mail {
  subject: string;
  body: string;
}

interface Texts {
  signup: (name: string, link: string) => Mail;
  proposal: (typeName: string, area: string | null, link: string) => Mail;
  feedback: (typeName: string, link: string) => Mail;
}

const texts = (programme: string): Record<Language, Texts> => ({
  nl: {
    signup: (name, link) => ({
      subject: `${programme}: bevestig je e-mailadres`,
      body: `Dag ${name},\n\nFijn dat je wilt helpen! Bevestig je e-mailadres via deze link (7 dagen geldig); daarna kies je een wachtwoord:\n${link}\n\nHeb je je niet aangemeld? Dan hoef je niets te doen.`,
    }),
    proposal: (type, area, link) => ({
      subject: `${programme}: iemand kan je hulp gebruiken`,
      body: `Dag,\n\nEr is een hulpvraag die bij je past: ${type}${area ? ` in ${area}` : ''}.\nBekijk ze en zeg ja of nee binnen 48 uur:\n${link}`,
    }),
    feedback: (type, link) => ({
      subject: `${programme}: hoe was de hulp?`,
      body: `Dag,\n\nEen vrijwilliger hielp je onlangs (${type}). Hoe was dat voor je? Via deze link geef je in een minuut een score en, als je wilt, een korte reactie. Je hebt geen account nodig. De link werkt één keer en blijft 30 dagen geldig:\n${link}\n\nJe hoeft niet te antwoorden als je dat niet wilt.`,
    }),
  },
  en: {
    signup: (name, link) => ({
      subject: `${programme}: confirm your e-mail address`,
      body: `Hello ${name},\n\nThank you for offering help! Confirm your e-mail address with this link (valid for 7 days); then you choose a password:\n${link}\n\nDid you not sign up? Then there is nothing you need to do.`,
    }),
    proposal: (type, area, link) => ({
      subject: `${programme}: someone could use your help`,
      body: `Hello,\n\nThere is a request that fits you: ${type}${area ? ` in ${area}` : ''}.\nHave a look and say yes or no within 48 hours:\n${link}`,
    }),
    feedback: (type, link) => ({
      subject: `${programme}: how was the help?`,
      body: `Hello,\n\nA volunteer helped you recently (${type}). How was it for you? With this link you give a score in a minute and, if you like, a short comment. You do not need an account. The link works once and stays valid for 30 days:\n${link}\n\nYou do not have to answer if you would rather not.`,
    }),
  },
  fr: {
    signup: (name, link) => ({
      subject: `${programme} : confirmez votre adresse e-mail`,
      body: `Bonjour ${name},\n\nMerci de proposer votre aide ! Confirmez votre adresse e-mail avec ce lien (valable 7 jours) ; ensuite, vous choisissez un mot de passe :\n${link}\n\nVous ne vous êtes pas inscrit ? Vous n’avez rien à faire.`,
    }),
    proposal: (type, area, link) => ({
      subject: `${programme} : quelqu’un a besoin de votre aide`,
      body: `Bonjour,\n\nUne demande vous correspond : ${type}${area ? ` à ${area}` : ''}.\nRegardez-la et répondez oui ou non dans les 48 heures :\n${link}`,
    }),
    feedback: (type, link) => ({
      subject: `${programme} : comment s’est passée l’aide ?`,
      body: `Bonjour,\n\nUn bénévole vous a aidé récemment (${type}). Comment cela s’est-il passé pour vous ? Avec ce lien, vous donnez une note en une minute et, si vous le souhaitez, un court commentaire. Vous n’avez pas besoin de compte. Le lien fonctionne une seule fois et reste valable 30 jours :\n${link}\n\nVous n’êtes pas obligé de répondre.`,
    }),
  },
});

export const helpTexts = (language: Language, programme: string): Texts =>
  texts(programme)[language] ?? texts(programme).nl;
