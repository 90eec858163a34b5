export { CameraList } from './CameraList';
