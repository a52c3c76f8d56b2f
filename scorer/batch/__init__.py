"""Many reports: find the files, score them in worker processes, write pages and files atomically under safe names."""
