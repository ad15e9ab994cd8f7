/** Lists: curated timelines of followed accounts (Mastodon's lists), their members and feeds. */
export { findExclusiveListOwners } from './exclusive.ts';
export { notInExclusiveList } from './filters.ts';
export {
  createList,
  deleteList,
  findOwnedList,
  getOwnedList,
  LIST_REPLIES_POLICIES,
  LIST_TITLE_LIMIT,
  LISTS_PER_ACCOUNT,
  type ListInput,
  listListsHolding,
  listOwnedLists,
  updateList,
} from './manage.ts';
export { addListAccounts, type ListMemberItem, listListMembers, removeListAccounts } from './members.ts';
export { listListsShowing, selectListTimelineIds } from './timeline.ts';
