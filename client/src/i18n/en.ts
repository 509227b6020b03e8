/**
 * The English translation table: the complete list of every string the client shows.
 * Other locales supply a partial table of the same keys; missing keys fall back to these.
 * Placeholders look like {name}; plural entries are objects keyed by Intl.PluralRules category.
 * Tone: plain, short and calm — many readers are lay co-researchers, some reading in a second language.
 */
import { conflictsStrings } from './en/conflicts';
import { agreementStrings } from './en/agreement';
import { prismaStrings } from './en/prisma';
import { screeningStrings } from './en/screening';
import { recordsStrings } from './en/records';
import { synthesisStrings } from './en/synthesis';
import { senseCheckStrings } from './en/senseCheck';
import { offlineStrings } from './en/offline';
import { accountStrings } from './en/account';
import { auditStrings } from './en/audit';

export const en = {
  ...conflictsStrings,
  ...agreementStrings,
  ...prismaStrings,
  ...recordsStrings,
  ...synthesisStrings,
  ...senseCheckStrings,
  ...offlineStrings,
  ...accountStrings,
  ...auditStrings,
  'app.name': 'Coreview',
  'app.titleSuffix': '{page} · Coreview',
  'app.skipToContent': 'Skip to main content',
  'app.loading': 'Loading…',
  'app.footer': 'Coreview — screening and synthesis for review teams',
  'app.language': 'Language',

  'nav.main': 'Main',
  'nav.projects': 'Projects',
  'nav.account': 'Account',
  'nav.logout': 'Log out',
  'nav.login': 'Log in',
  'nav.signup': 'Sign up',
  'nav.project': 'Project',
  'nav.projectSections': 'Project sections',
  'nav.workspace': 'Workspace',
  'nav.settings': 'Settings',
  'nav.members': 'Members',
  'nav.invite': 'Invite',

  'form.optional': '(optional)',
  'form.errorSummary': {
    one: 'Please check the form: there is {count} problem.',
    other: 'Please check the form: there are {count} problems.',
  },
  'form.saving': 'Saving…',
  'form.showPassword': 'Show password',

  'validation.required': 'Please fill this in.',
  'validation.email': 'Enter an email address like name@example.org.',
  'validation.tooShort': { one: 'Use at least {min} character.', other: 'Use at least {min} characters.' },
  'validation.tooLong': { one: 'Use at most {max} character.', other: 'Use at most {max} characters.' },
  'validation.wholeNumber': 'Enter a whole number, like 2.',
  'validation.numberMin': 'Enter a number of {min} or more.',
  'validation.numberMax': 'Enter a number of {max} or less.',
  'validation.tooMany': 'Use at most {max} entries.',
  'validation.invalid': 'This value is not valid.',

  'error.network': 'We could not reach Coreview. Check your internet connection and try again.',
  'error.generic': 'Something went wrong. Please try again.',
  'error.email_taken': 'There is already an account with this email address. Try logging in instead.',
  'error.invalid_credentials': 'The email address or password is not right. Please try again.',
  'error.rate_limited': 'Too many attempts. Please wait a few minutes, then try again.',
  'error.unauthorized': 'Please log in again.',
  'error.forbidden': 'You do not have permission to do this.',
  'error.not_found': 'We could not find this.',

  'auth.email': 'Email address',
  'auth.password': 'Password',
  'auth.passwordHint': 'At least {min} characters. A few words together make a good password.',
  'auth.name': 'Your name',
  'auth.nameHint': 'Other people in your projects will see this name.',
  'auth.signup.title': 'Create an account',
  'auth.signup.submit': 'Create account',
  'auth.signup.haveAccount': 'Already have an account?',
  'auth.login.title': 'Log in',
  'auth.login.submit': 'Log in',
  'auth.login.noAccount': 'New to Coreview?',
  'auth.logout.pending': 'You are logged out on this device. The server will be told as soon as you are back online.',
  'auth.account.title': 'Your account',
  'auth.account.signedInAs': 'You are logged in as {name} ({email}).',
  'auth.password.title': 'Change your password',
  'auth.password.current': 'Current password',
  'auth.password.new': 'New password',
  'auth.password.submit': 'Change password',
  'auth.password.done': 'Your password has been changed.',

  'role.lead': 'Lead',
  'role.reviewer': 'Reviewer',
  'role.co_researcher': 'Co-researcher',
  'role.observer': 'Observer',
  'role.lead.about': 'Runs the project: settings, members and final decisions. Can also screen and code.',
  'role.reviewer.about': 'Screens records, codes findings, builds themes and votes on disagreements.',
  'role.co_researcher.about': 'Brings lived experience: codes, builds themes, votes and checks whether themes ring true.',
  'role.observer.about': 'Can look at the project but not change anything.',

  'projects.title': 'Your projects',
  'projects.empty': 'You are not in any project yet. Create one below, or ask a lead to send you an invitation link.',
  'projects.meta': 'Your role: {role} · Started {date}',
  'projects.create.title': 'Start a new project',
  'projects.create.submit': 'Create project',
  'projects.field.title': 'Project title',
  'projects.field.question': 'Review question',
  'projects.field.questionHint': 'What does this review want to find out? You can change this later.',

  'settings.title': 'Project settings',
  'settings.readOnly': 'Only leads can change these settings.',
  'settings.protocol': 'Review protocol',
  'settings.screening': 'Screening',
  'settings.criteria': 'Eligibility criteria',
  'settings.criteriaHint': 'What makes a study fit or not fit the review, for example using SPIDER or PICO.',
  'settings.exclusionReasons': 'Reasons for excluding a study',
  'settings.exclusionReasonsHint': 'One reason per line. Reviewers choose from these at the full-text stage.',
  'settings.highlightInclude': 'Words to highlight as signs to include',
  'settings.highlightExclude': 'Words to highlight as signs to exclude',
  'settings.highlightHint': 'One word or phrase per line.',
  'settings.reviewersPerRecord': 'Reviewers per record',
  'settings.reviewersPerRecordHint': 'How many people judge each record independently.',
  'settings.assignment': 'Who screens which records',
  'settings.assignment.all': 'Everyone screens every record',
  'settings.assignment.balanced': 'Share records out evenly',
  'settings.assignment.balancedHint': 'Each record goes to the chosen number of reviewers.',
  'settings.pilotSize': 'Pilot size',
  'settings.pilotSizeHint': 'How many records everyone screens first, to compare and discuss. 0 means no pilot.',
  'settings.none': 'None given',
  'settings.save': 'Save settings',
  'settings.saved': 'Settings saved.',

  'members.title': 'Members',
  'members.caption': 'People in this project',
  'members.name': 'Name',
  'members.email': 'Email',
  'members.role': 'Role',
  'members.joined': 'Joined',
  'members.actions': 'Actions',
  'members.you': '{name} (you)',
  'members.roleFor': 'Role for {name}',
  'members.saveRole': 'Change role',
  'members.remove': 'Remove',
  'members.removeLabel': 'Remove {name}',
  'members.confirmRemove': 'Remove {name} from this project? They will lose access straight away.',
  'members.confirmYes': 'Yes, remove',
  'members.cancel': 'Cancel',
  'members.roleChanged': '{name} is now {role}.',
  'members.removed': '{name} has been removed.',
  'members.inviteLink': 'Invite someone',

  'invite.title': 'Invite someone',
  'invite.role': 'Their role',
  'invite.email': 'Their email address',
  'invite.emailHint': 'If you fill this in, only someone with this email address can use the link. Coreview does not send emails: copy the link and send it yourself.',
  'invite.submit': 'Create invitation link',
  'invite.linkLabel': 'Invitation link',
  'invite.linkReady': 'Your invitation link is ready. It works until {date}.',
  'invite.copy': 'Copy link',
  'invite.copied': 'Link copied.',
  'invite.copyFailed': 'Could not copy automatically. Select the link and copy it.',
  'invite.another': 'Create another link',

  'accept.title': 'Invitation',
  'accept.heading': 'Join “{project}”',
  'accept.details': '{inviter} invited you to join as {role}.',
  'accept.expires': 'This invitation works until {date}.',
  'accept.join': 'Join this project',
  'accept.signedInAs': 'You are logged in as {name}.',
  'accept.needAccount': 'To join, create an account or log in.',
  'accept.choice': 'Do you have a Coreview account?',
  'accept.choice.new': 'No, I am new',
  'accept.choice.existing': 'Yes, log me in',
  'accept.invalid': 'This invitation link does not work. Please check you copied all of it, or ask the person who invited you for a new link.',
  'accept.used': 'This invitation has already been used. Ask the person who invited you for a new link.',
  'accept.expired': 'This invitation has expired. Ask the person who invited you for a new link.',
  'accept.joining': 'Joining…',

  'workspace.title': 'Workspace',
  'workspace.question': 'Review question',
  'workspace.noQuestion': 'No review question yet.',
  'workspace.presence': 'Who is here now',
  'workspace.presenceCount': { one: '{count} person is in this project now.', other: '{count} people are in this project now.' },
  'workspace.you': '{name} (you)',
  'workspace.where': '— {places}',
  'workspace.joined': '{name} joined the project.',
  'workspace.left': '{name} left the project.',
  'workspace.where.workspace': 'in the workspace',
  'workspace.where.settings': 'looking at settings',
  'workspace.where.members': 'looking at members',
  'workspace.where.invite': 'inviting someone',

  'sync.connecting': 'Connecting…',
  'sync.connected': 'Live: changes are shared straight away.',
  'sync.offline': 'Offline. Your work is kept on this device and will be shared when you are back online.',
  'sync.revoked': 'You no longer have access to this project. Ask a lead if you think this is a mistake.',
  'sync.refused': 'The connection to this project was refused. Try reloading the page.',
  'sync.loggedOut': 'You have been logged out (your password was changed or your session ended). Your changes on this page are kept on this device; log in again to share them.',
  'sync.logInAgain': 'Log in again',
  'sync.status': 'Connection',

  'project.loadFailed': 'We could not open this project.',
  'project.backToProjects': 'Back to your projects',

  'notFound.title': 'Page not found',
  'notFound.body': 'There is nothing at this address.',
  'notFound.home': 'Go to your projects',

  'locale.pseudoRtl': 'English (right-to-left layout test)',

  ...screeningStrings,
} as const;

/** A plural entry: one string per Intl.PluralRules category ('other' is required). */
export type PluralMessage = { readonly other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
/** Every translation key. */
export type MessageKey = keyof typeof en;
/** The shape a translation table must have (partial tables fall back to English). */
export type Messages = { [K in MessageKey]: (typeof en)[K] extends string ? string : PluralMessage };
