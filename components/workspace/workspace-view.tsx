"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PageSpinner } from "@/components/ui/spinner";
import { ModelNotFound } from "./model-not-found";
import { useWorkspaceModel } from "./use-workspace-model";
import { Workspace } from "./workspace";

/** The page of one model: loads the model and the user, then opens the live workspace. */
export function WorkspaceView({ modelId }: { modelId: string }) {
  const { state, refresh, retry } = useWorkspaceModel(modelId);

  switch (state.status) {
    case "loading":
      return <PageSpinner label="Opening the model" />;
    case "not-found":
      return <ModelNotFound />;
    case "error":
      return (
        <Alert
          tone="danger"
          title="The model could not be opened"
          action={
            <Button variant="secondary" size="sm" onClick={retry}>
              Try again
            </Button>
          }
        >
          {state.message}
        </Alert>
      );
    case "ready":
      return (
        <Workspace
          key={state.model.id}
          model={state.model}
          user={state.user}
          onModelChanged={refresh}
        />
      );
  }
}
