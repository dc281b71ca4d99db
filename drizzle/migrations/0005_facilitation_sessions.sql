CREATE TABLE "facilitation_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"model_id" text NOT NULL,
	"status" text NOT NULL,
	"state" jsonb NOT NULL,
	"extras" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"started_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_votes" (
	"session_id" text NOT NULL,
	"threat_id" text NOT NULL,
	"user_id" text NOT NULL,
	"value" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_votes_session_id_threat_id_user_id_pk" PRIMARY KEY("session_id","threat_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "facilitation_sessions" ADD CONSTRAINT "facilitation_sessions_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilitation_sessions" ADD CONSTRAINT "facilitation_sessions_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_votes" ADD CONSTRAINT "session_votes_session_id_facilitation_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."facilitation_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_votes" ADD CONSTRAINT "session_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "facilitation_sessions_model_idx" ON "facilitation_sessions" USING btree ("model_id");--> statement-breakpoint
CREATE UNIQUE INDEX "facilitation_sessions_one_running_idx" ON "facilitation_sessions" USING btree ("model_id") WHERE "facilitation_sessions"."status" = 'running';