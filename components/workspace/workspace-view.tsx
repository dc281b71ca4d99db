"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PageSpinner } from "@/components/ui/spinner";
import { useEffect } from "react";
import { ModelNotFound } from "./model-not-found";
import { preopenCollabDocument } from "./use-collab-document";
import { useWorkspaceModel } from "./use-workspace-model";
import { Workspace } from "./workspace";

/** The page of one model: loads the model and the user, then opens the live workspace. */
export function WorkspaceView({ modelId }: { modelId: string }) {
  const { state, refresh, retry } = useWorkspaceModel(modelId);
  // The document connects while the model loads; a missing model or an error lets it go.
  const isModelExpected = state.status === "loading" || state.status === "ready";
  useEffect(
    () => (isModelExpected ? preopenCollabDocument(modelId) : undefined),
    [modelId, isModelExpected],
  );

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
