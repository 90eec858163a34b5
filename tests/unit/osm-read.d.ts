/** Types for the parts of osm-read (no bundled or @types declarations) that the tests use. */
declare module 'osm-read' {
  export interface OsmReadNode {
    id: string;
    lat: number;
    lon: number;
    tags: Record<string, string>;
  }
  export interface OsmReadWay {
    id: string;
    tags: Record<string, string>;
    nodeRefs: string[];
  }
  export interface OsmReadOptions {
    filePath: string;
    format?: 'pbf' | 'xml';
    node?(node: OsmReadNode): void;
    way?(way: OsmReadWay): void;
    relation?(relation: unknown): void;
    endDocument?(): void;
    error?(message: unknown): void;
  }
  export function parse(opts: OsmReadOptions): { pause(): void; resume(): void };
}
