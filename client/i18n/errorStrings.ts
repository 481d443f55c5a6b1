import type { ErrorCode } from '../../shared/api/errors.ts';

/**
 * What the reader is told when the server refuses something, per error code
 * (shared/api/errors.ts): every code has a sentence in both languages, so no
 * English server message reaches a Danish screen.
 */
export const ERROR_STRINGS: Record<'da' | 'en', Record<ErrorCode | 'network', string>> = {
  da: {
    invalidInput: 'Noget i det indtastede er ikke gyldigt. Ret det, og prøv igen.',
    unauthorized: 'Du er ikke logget ind, eller dit link gælder ikke længere.',
    forbidden: 'Det har du ikke adgang til.',
    notFound: 'Det findes ikke (længere).',
    conflict: 'Det kan ikke lade sig gøre lige nu: mødet er ændret imens. Prøv igen.',
    gone: 'Linket er allerede brugt. Bed om et nyt.',
    tooLarge: 'Det er for stort.',
    unsupportedType: 'Filtypen kan ikke læses. Brug en Word-fil (.docx) eller tekst.',
    unprocessable: 'Der blev ikke fundet punkter eller deltagere i filen.',
    tooMany: 'For mange forsøg på kort tid. Vent lidt, og prøv igen.',
    busy: 'Serveren har travlt med andre eksporter og importer. Prøv igen om lidt.',
    storage: 'Serveren kan ikke gemme lige nu (disken er fuld eller skrivebeskyttet).',
    internal: 'Der opstod en fejl på serveren. Prøv igen.',
    tokenExpired: 'Din adgang er udløbet. Genindlæs siden.',
    wrongKey: 'Forkert nøgle.',
    signInWait: 'For mange forkerte forsøg herfra. Vent lidt, før du prøver igen.',
    inviteRevoked: 'Invitationen er trukket tilbage. Bed sekretariatet om en ny.',
    linkReplaced: 'Der er sendt et nyere link til dig. Brug det nyeste.',
    notForThisMeeting: 'Dit link gælder et andet møde.',
    organiserOnly: 'Det kan kun sekretariatet.',
    phaseForbids: 'Det kan din rolle ikke i mødets nuværende fase.',
    meetingReadOnly: 'Mødet er skrivebeskyttet efter en fejl på serveren. Intet gemt er tabt.',
    approversFixed:
      'Godkenderne ligger fast, mens udkastet er udsendt. Træk udkastet tilbage for at ændre dem.',
    notApprover: 'Du er ikke blandt godkenderne af dette referat.',
    contentChanged: 'Referatet er ændret, siden du læste det. Læs det igen, før du godkender.',
    versionFailedCheck: 'En gemt version bestod ikke kontrollen af sit fingeraftryk.',
    commentsFull:
      'Ikke gemt: mødet kan ikke rumme flere kommentarer (grænsen for antal eller samlet længde er nået). Kontakt sekretariatet.',
    commentsTooFast:
      'Ikke gemt: du har skrevet mange kommentarer på kort tid. Vent et øjeblik, og prøv igen.',
    versionsFull: 'Mødet har nået grænsen for gemte versioner.',
    versionsTooFast: 'Du gemmer versioner meget hurtigt. Vent lidt.',
    exportsRunning: 'Dine eksporter er stadig i gang. Vent, til de er færdige.',
    downloadUsed: 'Downloadlinket er allerede brugt. Klik på knappen igen.',
    nothingRecognised: 'Der blev ikke fundet punkter eller deltagere i filen.',
    unreadableFile:
      'Filen kunne ikke læses som et Word-dokument. Gem den igen som .docx, eller indsæt teksten.',
    inviteClaimed:
      'Invitationen er allerede taget i brug – i en anden browser eller af en anden person. Bed sekretariatet om en ny invitation, hvis det ikke var dig.',
    claimRequired:
      'Invitationen skal først tages i brug i denne browser. Åbn linket fra din invitation igen.',
    proofInvalid: 'Denne browser kunne ikke bekræfte, at den er den, der tog invitationen i brug.',
    signInRequired: 'Log ind med din organisations login for at fortsætte.',
    inviteForSomeoneElse:
      'Invitationen er sendt til en anden e-mailadresse end den, du er logget ind med. Den er ikke taget i brug.',
    stepUpRequired: 'Log ind igen for at bekræfte, at det er dig, der godkender.',
    unknownIssuer: 'Det login-system kender Referat ikke.',
    signInFailed:
      'Login mislykkedes: svaret fra login-systemet kunne ikke godkendes (forkert, gammelt eller allerede brugt). Prøv at logge ind igen.',
    signInExpired: 'Login mislykkedes: login-beviset er udløbet. Prøv igen.',
    emailUnverified:
      'Login mislykkedes: login-systemet har ikke bekræftet din e-mailadresse. Bekræft den der, eller kontakt driften.',
    notOnInvitation:
      'Du er logget ind, men ikke inviteret til dette møde. Bed sekretariatet om en invitation til din e-mailadresse.',
    csrf: 'Anmodningen blev afvist af sikkerhedshensyn. Genindlæs siden, og prøv igen.',
    emailFixed: 'E-mailadressen kan ikke ændres, når invitationen er taget i brug.',
    noEmail: 'Invitationen har ingen e-mailadresse. Lav en ny invitation med adressen.',
    outboxFull:
      'Der venter allerede mange mails på at blive sendt. Prøv igen senere, eller kontakt driften.',
    mailTooLarge: 'Mailen er for stor til at blive sendt.',
    rosterExists: 'Forummet har allerede en medlemsliste. Åbn den i stedet.',
    rosterFull:
      'Grænsen er nået: der kan ikke være flere medlemmer på listen (eller flere lister).',
    emailOnRoster: 'Der står allerede en person med den e-mailadresse på medlemslisten.',
    datesReversed: '»Aktiv til« ligger før »Aktiv fra«. Ret datoerne.',
    notOnRoster: 'Du står ikke på forummets medlemsliste.',
    noParticipant:
      'Din invitation er ikke knyttet til en deltager i mødet. Bed sekretariatet om at registrere dit afbud.',
    bilagType: 'Filen er ikke en PDF, et Word-dokument (.docx) eller et billede (PNG, JPEG).',
    bilagEmpty: 'Filen er tom.',
    bilagTooLarge: 'Filen er for stor til at blive vedhæftet.',
    bilagFull: 'Mødet har nået grænsen for bilag (antal eller samlet størrelse).',
    bilagClosed: 'Bilaget hører til et lukket punkt, som du ikke har adgang til.',
    bilagDamaged: 'Den gemte fil svarer ikke til sin kontrolsum og udleveres ikke.',
    network: 'Ingen forbindelse til serveren. Prøv igen, når du er online.',
  },
  en: {
    invalidInput: 'Something you entered is not valid. Correct it and try again.',
    unauthorized: 'You are not signed in, or your link is no longer valid.',
    forbidden: 'You do not have access to this.',
    notFound: 'It does not exist (any more).',
    conflict: 'That cannot be done now: the meeting changed meanwhile. Try again.',
    gone: 'The link was used already. Ask for a new one.',
    tooLarge: 'It is too large.',
    unsupportedType: 'This kind of file cannot be read. Use a Word file (.docx) or text.',
    unprocessable: 'No agenda items or participants were found in the file.',
    tooMany: 'Too many attempts in a short time. Wait a little and try again.',
    busy: 'The server is busy with other exports and imports. Try again shortly.',
    storage: 'The server cannot save now (its disk is full or read-only).',
    internal: 'Something went wrong on the server. Try again.',
    tokenExpired: 'Your access has expired. Reload the page.',
    wrongKey: 'Wrong key.',
    signInWait: 'Too many wrong attempts from here. Wait before trying again.',
    inviteRevoked: 'The invitation was withdrawn. Ask the secretariat for a new one.',
    linkReplaced: 'A newer link was sent to you. Use the newest.',
    notForThisMeeting: 'Your link is for another meeting.',
    organiserOnly: 'Only the secretariat can do this.',
    phaseForbids: 'Your role cannot do this in the meeting’s current phase.',
    meetingReadOnly:
      'The meeting is read-only after a fault on the server. Nothing stored is lost.',
    approversFixed: 'The approvers are fixed while the draft is out. Withdraw it to change them.',
    notApprover: 'You are not one of the approvers of these minutes.',
    contentChanged: 'The minutes changed since you read them. Read them again before approving.',
    versionFailedCheck: 'A saved version failed the check of its fingerprint.',
    commentsFull:
      'Not saved: this meeting cannot hold more comments (the limit on their number or total length is reached). Contact the secretariat.',
    commentsTooFast:
      'Not saved: you have written many comments in a short time. Wait a moment and try again.',
    versionsFull: 'The meeting has reached its limit for saved versions.',
    versionsTooFast: 'You are saving versions very fast. Wait a little.',
    exportsRunning: 'Your exports are still being made. Wait until they are done.',
    downloadUsed: 'The download link was used already. Click the button again.',
    nothingRecognised: 'No agenda items or participants were found in the file.',
    unreadableFile:
      'The file could not be read as a Word document. Save it again as .docx, or paste the text.',
    inviteClaimed:
      'The invitation has already been claimed, in another browser or by another person. Ask the secretariat for a new invitation if that was not you.',
    claimRequired:
      'The invitation must first be claimed in this browser. Open the link from your invitation again.',
    proofInvalid: 'This browser could not prove that it is the one that claimed the invitation.',
    signInRequired: "Sign in with your organisation's login to continue.",
    inviteForSomeoneElse:
      'The invitation was sent to another e-mail address than the one you are signed in with. It has not been claimed.',
    stepUpRequired: 'Sign in again to confirm that it is you who approves.',
    unknownIssuer: 'Referat does not know that sign-in provider.',
    signInFailed:
      'Sign-in failed: the answer from the sign-in provider could not be accepted (wrong, stale or already used). Try signing in again.',
    signInExpired: 'Sign-in failed: the sign-in proof has expired. Try again.',
    emailUnverified:
      'Sign-in failed: the sign-in provider has not verified your e-mail address. Verify it there, or contact your administrator.',
    notOnInvitation:
      'You are signed in but not invited to this meeting. Ask the secretariat for an invitation to your e-mail address.',
    csrf: 'The request was refused for security reasons. Reload the page and try again.',
    emailFixed: 'The e-mail address cannot change once the invitation has been claimed.',
    noEmail: 'The invitation has no e-mail address. Make a new invitation with the address.',
    outboxFull:
      'Many mails are already waiting to be sent. Try again later, or contact your administrator.',
    mailTooLarge: 'The mail is too large to be sent.',
    rosterExists: 'This forum already has a roster. Open it instead.',
    rosterFull:
      'Limit reached: the roster cannot hold more members (or there are too many rosters).',
    emailOnRoster: 'Someone with that e-mail address is already on the roster.',
    datesReversed: '“Active to” is before “Active from”. Correct the dates.',
    notOnRoster: 'You are not on the forum’s roster.',
    noParticipant:
      'Your invitation is not linked to a participant of the meeting. Ask the secretariat to register your absence.',
    bilagType: 'The file is not a PDF, a Word document (.docx) or an image (PNG, JPEG).',
    bilagEmpty: 'The file is empty.',
    bilagTooLarge: 'The file is too large to attach.',
    bilagFull: 'The meeting has reached its limit of attachments (number or total size).',
    bilagClosed: 'The attachment belongs to a closed item you have no access to.',
    bilagDamaged: 'The stored file does not match its checksum and is not handed out.',
    network: 'No connection to the server. Try again when you are online.',
  },
};
