import type { Config } from '../../config/index.ts';
import type { ConversationView } from '../../domain/conversations/index.ts';
import { type AccountEntity, renderAccount } from './account.ts';
import { renderStatus, type StatusEntity } from './status.ts';

/** Mastodon's Conversation entity: `id` is the conversation's, the same for every participant. */
export interface ConversationEntity {
  id: string;
  unread: boolean;
  accounts: AccountEntity[];
  last_status: StatusEntity | null;
}

export function renderConversation(config: Config, c: ConversationView): ConversationEntity {
  return {
    id: c.id,
    unread: c.unread,
    accounts: c.accounts.map((a) => renderAccount(config, a)),
    last_status: c.lastStatus ? renderStatus(config, c.lastStatus) : null,
  };
}
