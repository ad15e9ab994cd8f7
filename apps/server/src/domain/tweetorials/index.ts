/**
 * Tweetorials (issue 6): a titled, numbered self-reply thread of ordinary statuses, published and
 * edited as a unit (versions kept), with learning objectives, audience, Bloom level and references;
 * learners mark it completed (a learning record entry). docs/rounds-api.md, "Tweetorials".
 */
export { type CompletionInput, completeTweetorial, uncompleteTweetorial } from './complete.ts';
export { composePartText } from './compose.ts';
export type { PreparedTweetorial, TweetorialInput } from './input.ts';
export { findTweetorialRow } from './lookup.ts';
export { deleteTweetorial, editTweetorial, publishTweetorial } from './publish.ts';
export {
  findCurrentVersions,
  findLatestCompletions,
  getTweetorialVersion,
  getTweetorialView,
  listTweetorials,
  listTweetorialVersions,
  type TweetorialFilters,
  type TweetorialView,
} from './read.ts';
