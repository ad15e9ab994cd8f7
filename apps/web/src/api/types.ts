/** The parts of Mastodon's entities (docs.joinmastodon.org) this client reads. */

export type Visibility = 'public' | 'unlisted' | 'private' | 'direct';
export const VISIBILITY_OPTIONS: readonly Visibility[] = ['public', 'unlisted', 'private', 'direct'];

export interface Account {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  avatar: string;
  avatar_static: string;
  url: string;
  header?: string;
  note?: string;
  locked?: boolean;
  bot?: boolean;
  fields?: AccountField[];
  followers_count?: number;
  following_count?: number;
  statuses_count?: number;
}

export interface AccountField {
  name: string;
  /** HTML, sanitised by the server. */
  value: string;
  verified_at: string | null;
}

export interface Relationship {
  id: string;
  following: boolean;
  requested: boolean;
  followed_by: boolean;
}

export interface Tag {
  name: string;
  url: string;
  following?: boolean;
}

export interface Mention {
  id: string;
  username: string;
  acct: string;
  url: string;
}

export type NotificationType =
  | 'mention'
  | 'status'
  | 'reblog'
  | 'follow'
  | 'follow_request'
  | 'favourite'
  | 'poll'
  | 'update'
  | 'quote'
  | 'quoted_update';

export interface Notification {
  id: string;
  type: NotificationType | string;
  created_at: string;
  account: Account;
  status?: Status | null;
}

export interface Marker {
  last_read_id: string;
  updated_at: string;
}

export interface StatusSource {
  id: string;
  text: string;
  spoiler_text: string;
}

export interface CredentialAccount extends Account {
  source?: { privacy?: Visibility; language?: string | null };
}

export interface MediaAttachment {
  id: string;
  type: 'image' | 'video' | 'gifv' | 'audio' | 'unknown';
  url: string;
  preview_url: string | null;
  description: string | null;
}

export interface Status {
  id: string;
  created_at: string;
  edited_at: string | null;
  in_reply_to_id: string | null;
  visibility: Visibility;
  spoiler_text: string;
  sensitive: boolean;
  content: string;
  language: string | null;
  url: string | null;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  favourited?: boolean;
  reblogged?: boolean;
  bookmarked?: boolean;
  mentions?: Mention[];
  tags?: Tag[];
  account: Account;
  media_attachments: MediaAttachment[];
  reblog: Status | null;
}

export interface StatusContext {
  ancestors: Status[];
  descendants: Status[];
}

export interface Rule {
  id: string;
  text: string;
  hint?: string;
}

export interface Instance {
  title: string;
  configuration: {
    statuses: { max_characters: number; characters_reserved_per_url: number };
  };
  registrations: { enabled: boolean; approval_required: boolean };
  rules: Rule[];
}

export type PhiType =
  | 'NAME'
  | 'GEOGRAPHIC_LOCATION'
  | 'DATE'
  | 'AGE_OVER_89'
  | 'PHONE_NUMBER'
  | 'FAX_NUMBER'
  | 'EMAIL_ADDRESS'
  | 'SOCIAL_SECURITY_NUMBER'
  | 'MEDICAL_RECORD_NUMBER'
  | 'HEALTH_PLAN_BENEFICIARY_NUMBER'
  | 'ACCOUNT_NUMBER'
  | 'CERTIFICATE_LICENSE_NUMBER'
  | 'VEHICLE_IDENTIFIER'
  | 'DEVICE_IDENTIFIER'
  | 'URL'
  | 'IP_ADDRESS'
  | 'UNIQUE_IDENTIFIER';

/** A detected identifier: UTF-16 offsets into the checked text, end exclusive. */
export interface PhiSpan {
  start: number;
  end: number;
  type: PhiType;
  text: string;
}

/** POST /api/rounds/v1/phi/check */
export interface PhiCheck {
  spans: PhiSpan[];
  redacted_text: string;
  message: string;
}

export interface TokenResponse {
  access_token: string;
  token_type: string;
  scope: string;
  created_at: number;
}

export interface RegisteredApp {
  client_id: string;
  client_secret: string;
  redirect_uri: string;
}
