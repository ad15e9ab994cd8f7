/** Plural forms, chosen with Intl.PluralRules: Arabic uses all six, English two. */
export interface PluralMessage {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}
export type Message = string | PluralMessage;

/** English: the source catalog. Every other language must translate every key (the compiler checks). */
export const en = {
  'app.name': 'Rounds',
  'app.tagline': 'A social learning network for the health professions.',
  'nav.skip': 'Skip to main content',
  'nav.label': 'Main',
  'nav.home': 'Home',
  'nav.signOut': 'Sign out',
  'nav.signingOut': 'Signing out…',
  'nav.signedInAs': 'Signed in as {acct}',
  'lang.label': 'Language',

  'welcome.title': 'Learn together, safely',
  'welcome.body':
    'Share cases, threads and questions with colleagues. Every post is checked for patient identifiers before it is stored.',
  'welcome.signIn': 'Sign in',
  'welcome.signUp': 'Create an account',
  'welcome.closed': 'This server is not accepting new accounts right now.',
  'welcome.apps': 'Any Mastodon app works with this server too.',

  'signUp.title': 'Create your account',
  'signUp.displayName': 'Name shown on your posts',
  'signUp.displayNameHint': 'Optional. For example “Dr Ana Ruiz, PGY-2 Internal Medicine”.',
  'signUp.username': 'Username',
  'signUp.usernameHint': 'Letters, digits and underscores, up to 30. People mention you as @username.',
  'signUp.email': 'Email',
  'signUp.password': 'Password',
  'signUp.passwordHint': 'At least 8 characters. A few unrelated words make a strong one.',
  'signUp.reason': 'Why do you want to join?',
  'signUp.reasonHint': 'A moderator reads this before approving your account.',
  'signUp.rules': 'Server rules',
  'signUp.agree': 'I have read and agree to the server rules',
  'signUp.submit': 'Create account',
  'signUp.submitting': 'Creating your account…',
  'signUp.haveAccount': 'Already have an account?',
  'signUp.pending':
    'Your account was created and is waiting for a moderator’s approval. You can sign in once it is approved.',
  'signUp.fieldError': 'Check this field: {message}',

  'callback.title': 'Signing in',
  'callback.working': 'Signing you in…',
  'callback.failed': 'Sign-in did not finish',
  'callback.denied': 'You chose not to authorize Rounds. Sign in again when you are ready.',
  'callback.stale':
    'This sign-in link has expired or was opened in another tab. Start signing in again from this tab.',
  'callback.retry': 'Sign in again',

  'home.title': 'Home',
  'home.timeline': 'Home timeline',
  'home.emptyTitle': 'Nothing here yet',
  'home.emptyBody':
    'Your posts and posts from the people and hashtags you follow appear here, newest first. Write your first post above.',
  'home.loadMore': 'Load older posts',
  'home.loadingMore': 'Loading older posts…',
  'home.end': 'You’re all caught up.',
  'home.newPosts': { one: 'Show {count} new post', other: 'Show {count} new posts' },
  'home.reconnecting': 'Live updates paused. Reconnecting…',

  'status.title': 'Post',
  'status.thread': 'Thread',
  'status.replies': 'Replies',
  'status.noReplies': 'No replies yet.',
  'status.notFound': 'This post does not exist, was deleted, or is not visible to you.',
  'status.by': 'Post by {name}',
  'status.open': 'Open the post from {time}',
  'status.replyCount': { one: '{count} reply', other: '{count} replies' },
  'status.reply': 'Reply',
  'status.edited': 'edited',
  'status.backHome': 'Back to home',
  'status.signInToReply': 'Sign in to reply.',
  'status.showMore': 'Show content',
  'status.media': 'Attached media',
  'status.noDescription': 'Image without a description',
  'visibility.public': 'Public',
  'visibility.unlisted': 'Unlisted: public, kept out of public feeds',
  'visibility.private': 'Followers only',
  'visibility.direct': 'Mentioned people only',
  'visibility.badge.public': 'Public',
  'visibility.badge.unlisted': 'Unlisted',
  'visibility.badge.private': 'Followers only',
  'visibility.badge.direct': 'Private mention',

  'composer.heading': 'New post',
  'composer.replyHeading': 'Your reply',
  'composer.label': 'Post text',
  'composer.replyLabel': 'Reply text',
  'composer.remaining': { one: '{count} character left', other: '{count} characters left' },
  'composer.over': { one: '{count} character too many', other: '{count} characters too many' },
  'composer.cwAdd': 'Add a content warning',
  'composer.cwRemove': 'Remove the content warning',
  'composer.cwLabel': 'Content warning',
  'composer.cwHint': 'Readers see this first and choose whether to open the post.',
  'composer.visibility': 'Who can see it',
  'composer.submit': 'Post',
  'composer.submitReply': 'Reply',
  'composer.posting': 'Posting…',
  'composer.posted': 'Posted.',
  'composer.draftKept': 'Drafts are kept on this device until you post.',
  'composer.tooLong': 'The post is too long. Shorten it to post.',

  'phi.heading': 'Patient privacy check',
  'phi.checking': 'Checking for patient identifiers…',
  'phi.clear': 'No patient identifiers found.',
  'phi.found': {
    one: '{count} possible patient identifier. Remove it or use the redaction.',
    other: '{count} possible patient identifiers. Remove them or use the redactions.',
  },
  'phi.refused':
    'Not posted: possible patient identifiers were found. Your draft is kept. Remove them or use the redactions, then post again.',
  'phi.use': 'Replace with {replacement}',
  'phi.useAll': 'Use all redactions',
  'phi.inCw': 'in the content warning',
  'phi.unavailable':
    'The privacy check is unavailable right now. The server still checks your post when you send it.',
  'phi.type.NAME': 'Name',
  'phi.type.GEOGRAPHIC_LOCATION': 'Location',
  'phi.type.DATE': 'Date',
  'phi.type.AGE_OVER_89': 'Age over 89',
  'phi.type.PHONE_NUMBER': 'Phone number',
  'phi.type.FAX_NUMBER': 'Fax number',
  'phi.type.EMAIL_ADDRESS': 'Email address',
  'phi.type.SOCIAL_SECURITY_NUMBER': 'Social Security number',
  'phi.type.MEDICAL_RECORD_NUMBER': 'Medical record number',
  'phi.type.HEALTH_PLAN_BENEFICIARY_NUMBER': 'Health plan number',
  'phi.type.ACCOUNT_NUMBER': 'Account number',
  'phi.type.CERTIFICATE_LICENSE_NUMBER': 'Licence number',
  'phi.type.VEHICLE_IDENTIFIER': 'Vehicle identifier',
  'phi.type.DEVICE_IDENTIFIER': 'Device identifier',
  'phi.type.URL': 'Link to a record',
  'phi.type.IP_ADDRESS': 'IP address',
  'phi.type.UNIQUE_IDENTIFIER': 'Identifier',

  'errors.network': 'Rounds cannot be reached. Check your connection, then try again.',
  'errors.server': 'Something went wrong on the server. Try again in a moment.',
  'errors.rateLimited': 'Too many attempts. Wait a minute, then try again.',
  'errors.session': 'Your session has ended. Sign in again to continue.',
  'errors.forbidden': 'You are not allowed to do that: {message}',
  'errors.invalid': 'Please check: {message}',
  'errors.notFound': 'Not found.',
  'errors.retry': 'Try again',

  'notFound.title': 'Page not found',
  'notFound.body': 'There is nothing at this address.',
  'notFound.home': 'Go to the home page',
  'common.loading': 'Loading…',
} as const satisfies Record<string, Message>;

export type MessageKey = keyof typeof en;
/** A translation: every key of the English catalog. */
export type Catalog = Record<MessageKey, Message>;
