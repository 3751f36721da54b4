import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from './api.js';

/** What a page knows about one GET while it loads, after it loaded, or after it failed. */
export interface Loaded<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
  /** True once there is something to show: the data or the failure (a page's ready marker follows this). */
  settled: boolean;
  /** Fetches again, keeping the current data on screen meanwhile. */
  reload: () => void;
}

/** Fetches `path` when it changes (and on `reload`); a newer request always wins over an older one. */
export function useApi<T>(path: string | undefined): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({
    loading: path !== undefined,
  });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    if (path === undefined) return;
    const controller = new AbortController();
    const ticket = ++latest.current;
    setState((previous) => ({ ...previous, loading: true }));
    api<T>(path, { signal: controller.signal }).then(
      (data) => {
        if (ticket === latest.current) setState({ data, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted || ticket !== latest.current) return;
        const failure =
          error instanceof ApiError
            ? error
            : new ApiError(0, 'unexpected', 'Something went wrong loading this page.');
        setState((previous) => ({ ...previous, error: failure, loading: false }));
      },
    );
    return () => controller.abort();
  }, [path, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, settled: state.data !== undefined || state.error !== undefined, reload };
}
