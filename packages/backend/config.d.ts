export interface Config {
  permission?: {
    /** Settings of the golden-path permission policy in packages/backend. */
    goldenPath?: {
      /**
       * Entity refs of the groups whose members administer the golden path: they may do
       * anything, including approving waivers. Defaults to `group:default/platform-team`.
       */
      platformGroups?: string[];
      /**
       * Let requests without a signed-in user read (never change) anything. Only for local
       * development together with `backend.auth.dangerouslyDisableDefaultAuthPolicy`, so that
       * `curl localhost:7007/api/catalog/entities` works. Defaults to false.
       */
      anonymousRead?: boolean;
    };
  };
}
