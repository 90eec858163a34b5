export { OperatorControl } from './OperatorControl';
export { useOperator } from './useOperator';
