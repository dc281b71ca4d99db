"use client";

import { useEffect, useState } from "react";
import { fetchCurrentUserAccess } from "@/components/api/endpoints";

/**
 * Whether the signed-in user administers rule sets; false until known or when the check fails
 * (the server refuses their changes anyway).
 */
export function useRuleSetAdmin(): boolean {
  const [isAdmin, setIsAdmin] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    fetchCurrentUserAccess(controller.signal)
      .then((access) => setIsAdmin(access.isRuleSetAdmin))
      .catch(() => setIsAdmin(false));
    return () => controller.abort();
  }, []);
  return isAdmin;
}
