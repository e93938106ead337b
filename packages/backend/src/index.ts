import { createBackend } from '@backstage/backend-defaults';
import { permissionModuleGoldenPathPolicy } from './permissions';

const backend = createBackend();

// Serves the built frontend (packages/app) in production and e2e runs.
backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: the guest provider for local use. Add a real provider for production.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Software catalog, with the Template kind the scaffolder needs.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Every Azure OpenAI account discovered in Azure becomes a Resource entity.
backend.add(import('@pavedai/plugin-catalog-backend-module-azure-openai'));

// The Azure OpenAI audit: scans, posture and history under /api/azure-openai.
backend.add(import('@pavedai/plugin-azure-openai-backend'));

// Golden-path templates, with the azure:openai:provision and azure:openai:audit actions.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@pavedai/plugin-scaffolder-backend-module-azure-openai'));

// Permissions, with the policy written in this repo.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleGoldenPathPolicy);

// Events bus between plugins (and between replicas, through the database).
backend.add(import('@backstage/plugin-events-backend'));

// Notifications to owners, delivered live through signals.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// AI assistants: the actions of the plugins in `backend.actions.pluginSources` (the audit's
// posture, failing-controls and explain-control actions) as MCP tools at /api/mcp-actions/v1.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Tech Insights with the Azure OpenAI posture facts and JSON rules engine checks (app-config).
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
);
backend.add(
  import('@pavedai/plugin-tech-insights-backend-module-azure-openai'),
);

backend.start();
