export { AlertQueue } from './AlertQueue';
export { AlertDetail } from './AlertDetail';
export { useNearby } from './useNearby';
