/** Live streams' queries: who receives a status, and what connections filter and re-check by. */
export {
  findStatusRouting,
  findThreadRootId,
  listConversationRecipients,
  listHomeRecipients,
  type StatusRouting,
} from './audience.ts';
export {
  findBlocksWithAuthor,
  findFollowersAmong,
  findLiveTokenIds,
  findStatusFlagsAmong,
  loadStreamViewerStates,
  type StreamViewerState,
} from './viewers.ts';
