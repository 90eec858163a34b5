export { ActionBar } from './ActionBar';
export { AlertTimeline } from './AlertTimeline';
export { DuplicateSuggestions } from './DuplicateSuggestions';
export { ShiftSummary } from './ShiftSummary';
export { useAlertHistory } from './useAlertHistory';
export { useDispatchDesk, type DispatchDesk } from './useDispatchDesk';
export { TransferredList, useTransferredCases } from './TransferredList';
