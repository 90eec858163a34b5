/**
 * The development defaults for reaching the drill gateway, defined once: the gateway's port, the
 * console's gateway URL and the demo token. Real seats get theirs from site configuration.
 */
export const DEFAULT_GATEWAY_PORT = 7410;
export const DEFAULT_GATEWAY_URL = `http://127.0.0.1:${DEFAULT_GATEWAY_PORT}`;
/** The demo deployment's shared token (never for a real site: docs/security). */
export const DEMO_GATEWAY_TOKEN = 'demo-token';
