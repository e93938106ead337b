export {
  GoldenPathPermissionPolicy,
  DEFAULT_PLATFORM_GROUPS,
} from './GoldenPathPermissionPolicy';
export { permissionModuleGoldenPathPolicy } from './module';
