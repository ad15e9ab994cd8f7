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

export interface List {
  id: string;
  title: string;
  replies_policy: 'followed' | 'list' | 'none';
  exclusive: boolean;
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
  poll?: Poll | null;
  /** The post this one quotes (Mastodon 4.5); `quoted_status` is null while pending or removed. */
  quote?: { state: string; quoted_status?: Status | null } | null;
  /** Whether the viewer may quote this post. */
  quote_approval?: { current_user: 'automatic' | 'manual' | 'denied' | 'unknown' };
}

export interface PollOption {
  title: string;
  votes_count: number | null;
}

export interface Poll {
  id: string;
  expires_at: string | null;
  expired: boolean;
  multiple: boolean;
  votes_count: number;
  voters_count: number | null;
  voted?: boolean;
  own_votes?: number[];
  options: PollOption[];
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
    statuses: { max_characters: number; characters_reserved_per_url: number; max_media_attachments?: number };
    media_attachments?: { supported_mime_types?: string[]; description_limit?: number };
    polls?: {
      max_options: number;
      max_characters_per_option: number;
      min_expiration: number;
      max_expiration: number;
    };
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
