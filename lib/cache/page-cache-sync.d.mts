export declare const CHANNEL: string;
export declare const RENDER_MARGIN_MS: number;
export declare const POLL_MS: number;
export type SyncOptions = {
  url: string;
  onExpire?: (tags: string[], at: number) => void;
  log?: (message: string) => void;
  connectTimeoutMs?: number;
};
export declare class PageCacheSync {
  constructor(opts: SyncOptions);
  readonly node: string;
  readonly listening: boolean;
  readonly listener: import('pg').Client | undefined;
  start(): Promise<void>;
  expire(tags: string[], at?: number): void;
  isExpired(tags: string[], lastModified: number): boolean;
  publish(tags: string[]): Promise<void>;
  check(): Promise<void>;
  close(): Promise<void>;
}
