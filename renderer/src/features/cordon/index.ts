export { CordonButton, CordonPanel } from './CordonPanel';
export { useCordon, CORDON_REFRESH_MS, type CordonState } from './useCordon';
