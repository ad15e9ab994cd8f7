import { createDeviceStore } from './device-store.ts';

/** Low-bandwidth choices kept on this device. */
export interface DataSaver {
  /** Media load only when tapped, and then as the smaller preview. */
  enabled: boolean;
}

const store = createDeviceStore<DataSaver>('rounds:data-saver', { enabled: false });

export const saveDataSaver = store.save;

/** Data saver as chosen on this device (off until chosen). */
export function useDataSaver(): DataSaver {
  return store.use();
}
