export {
  HALF_LIFE_HOURS,
  MAX_CANDIDATES,
  type RankedItem,
  type RankFactor,
  type RankReason,
  type TopFeed,
  type TopicInput,
  topFeed,
  WINDOW_DAYS,
} from './top.ts';
export { specialtiesOfTag, tagsOfSpecialty } from './topics.ts';
