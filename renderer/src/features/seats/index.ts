export { AlertOwner } from './AlertOwner';
export { SeatList } from './SeatList';
export { OwnerControls } from './OwnerControls';
export { useSeatsOnDuty } from './useSeats';
