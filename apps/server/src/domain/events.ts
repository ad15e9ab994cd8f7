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
  AccountFollowed: { accountId: string; targetAccountId: string };
  FollowRequested: { accountId: string; targetAccountId: string };
  AccountBlocked: { accountId: string; targetAccountId: string };
  TokenRevoked: { tokenId: string };
}

export type EventName = keyof DomainEvents;
type Handler<K extends EventName> = (payload: DomainEvents[K]) => void | Promise<void>;

export interface EventBus {
  emit<K extends EventName>(name: K, payload: DomainEvents[K]): void;
  on<K extends EventName>(name: K, handler: Handler<K>): () => void;
}

/** In-process bus. Handler failures are logged, never thrown back into the request that emitted. */
export function createEventBus(onError: (error: unknown, name: EventName) => void): EventBus {
  const handlers = new Map<EventName, Set<Handler<EventName>>>();
  return {
    emit(name, payload) {
      for (const handler of handlers.get(name) ?? []) {
        Promise.resolve()
          .then(() => (handler as Handler<typeof name>)(payload))
          .catch((error) => onError(error, name));
      }
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
