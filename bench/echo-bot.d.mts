export declare function startEchoBot(port?: number): Promise<{ url: string; close(): Promise<void> }>;
