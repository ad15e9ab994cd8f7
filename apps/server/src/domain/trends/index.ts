/** Trends: what people here are talking about, never who has the biggest audience. */
export { listTrendingTags, MIN_TRENDING_ACCOUNTS, TREND_WINDOW_DAYS, type TrendQuery } from './tags.ts';
