/** Conversations (direct messages): kept per account from status events, read as Mastodon's Conversation. */
export {
  addStatusToConversations,
  type ConversationUpdate,
  removeStatusFromConversations,
} from './maintain.ts';
export {
  type ConversationView,
  getConversation,
  listConversations,
  markConversationRead,
  markConversationUnread,
  removeConversation,
} from './queries.ts';
export { subscribeConversations } from './subscribe.ts';
