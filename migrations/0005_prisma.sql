-- PRISMA 2020: the numbers a lead enters because Coreview cannot know them (registers searched,
-- records removed before import, the other-methods column, studies vs reports). One row per project.

CREATE TABLE prisma_settings (
  project_id TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
  settings   TEXT NOT NULL,  -- JSON, validated by shared/prisma/report.ts prismaManual
  updated_by TEXT NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL
);
