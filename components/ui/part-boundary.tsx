"use client";

import { Component, type ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";

interface PartBoundaryProps {
  /** What the part is, for the message: "This tab", "The dialog". */
  name: string;
  children: ReactNode;
}

/**
 * Keeps a failure inside one part of a page (a tab, a dialog) from taking the whole page down.
 * Parts whose script loads on demand fail this way when the network is gone; the rest of the
 * page, and what the person has not yet saved in it, stays. "Try again" draws the part anew.
 */
export class PartBoundary extends Component<PartBoundaryProps, { hasFailed: boolean }> {
  override state = { hasFailed: false };

  static getDerivedStateFromError(): { hasFailed: boolean } {
    return { hasFailed: true };
  }

  override render() {
    if (!this.state.hasFailed) return this.props.children;
    return (
      <Alert
        tone="warning"
        title={`${this.props.name} could not be shown`}
        action={
          <Button variant="secondary" size="sm" onClick={() => this.setState({ hasFailed: false })}>
            Try again
          </Button>
        }
      >
        Its script may not have loaded: check the connection. Your changes are kept in this tab.
      </Alert>
    );
  }
}
