/**
 * Every domain event, in one list. Domain functions emit after their transaction commits;
 * side effects (notifications, streaming, federation, counters) subscribe.
 */
export interface DomainEvents {
  AccountCreated: { accountId: string };
  AccountUpdated: { accountId: string };
  StatusCreated: { statusId: string; accountId: string };
  StatusUpdated: { statusId: string; accountId: string };
  StatusDeleted: { statusId: string; accountId: string };
  StatusReblogged: { statusId: string; reblogId: string; accountId: string };
  StatusFavourited: { statusId: string; accountId: string };
  StatusQuoted: { statusId: string; quoteId: string; accountId: string };
  /** A poll's end passed and the expiry job claimed it; `accountId` is the poll's author. */
  PollEnded: { pollId: string; statusId: string; accountId: string };
  AccountFollowed: { accountId: string; targetAccountId: string };
  FollowRequested: { accountId: string; targetAccountId: string };
  AccountBlocked: { accountId: string; targetAccountId: string };
  TokenRevoked: { tokenId: string };
  NotificationCreated: { notificationId: string; accountId: string };
  /** A correction note passed the show rule for the first time (domain/trust); `accountId` is the post's author. */
  CorrectionNoteShown: { noteId: string; statusId: string; accountId: string };
  /** The account's filters (or their keywords or statuses) changed. */
  FiltersChanged: { accountId: string };
  /** A direct status reached conversations: `recipientIds` are the local accounts whose row it updated. */
  ConversationUpdated: {
    conversationId: string;
    statusId: string;
    accountId: string;
    recipientIds: string[];
  };
}

export type EventName = keyof DomainEvents;
type Handler<K extends EventName> = (payload: DomainEvents[K]) => void | Promise<void>;

export interface EventBus {
  emit<K extends EventName>(name: K, payload: DomainEvents[K]): void;
  on<K extends EventName>(name: K, handler: Handler<K>): () => void;
  /**
   * Resolves once every handler started so far has settled, including handlers started by those
   * handlers. Tests await it instead of sleeping; shutdown awaits it before closing the database.
   */
  idle(): Promise<void>;
}

/** In-process bus. Handler failures are logged, never thrown back into the request that emitted. */
export function createEventBus(onError: (error: unknown, name: EventName) => void): EventBus {
  const handlers = new Map<EventName, Set<Handler<EventName>>>();
  const pending = new Set<Promise<void>>();
  return {
    emit(name, payload) {
      for (const handler of handlers.get(name) ?? []) {
        let settle = () => {};
        const tracker = new Promise<void>((resolve) => {
          settle = resolve;
        });
        pending.add(tracker);
        // NOTE: `finally` passes a rethrown onError on as its own rejection, so an onError that
        // throws (the test harness's) still surfaces as an unhandled rejection, exactly once.
        Promise.resolve()
          .then(() => (handler as Handler<typeof name>)(payload))
          .catch((error) => onError(error, name))
          .finally(() => {
            pending.delete(tracker);
            settle();
          });
      }
    },
    async idle() {
      while (pending.size > 0) await Promise.all(pending);
    },
    on(name, handler) {
      let set = handlers.get(name);
      if (!set) {
        set = new Set();
        handlers.set(name, set);
      }
      set.add(handler as Handler<EventName>);
      return () => set.delete(handler as Handler<EventName>);
    },
  };
}
