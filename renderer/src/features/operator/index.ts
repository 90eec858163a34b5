export { OperatorControl } from './OperatorControl';
export { useOperator } from './useOperator';
export { useSeatControl } from './useSeatControl';
