export declare const ENTRY: string;
export declare const OUTFILE: string;
export declare function buildServer(): Promise<void>;
