"""/api/v1, the officers' JSON API: routes, the generic refusals, the OpenAPI document, and
the export downloads the console shares."""
