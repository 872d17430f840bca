-- Talent coaching: links that cannot cross municipalities or dangle, and the tenant rules of 0001.
ALTER TABLE coaching_cohorts ADD CONSTRAINT coaching_cohorts_programme_fk
  FOREIGN KEY (tenant_id, programme_id) REFERENCES coaching_programmes (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE coaching_referrals ADD CONSTRAINT coaching_referrals_programme_fk
  FOREIGN KEY (tenant_id, programme_id) REFERENCES coaching_programmes (tenant_id, id);
--> statement-breakpoint
ALTER TABLE coaching_referrals ADD CONSTRAINT coaching_referrals_cohort_fk
  FOREIGN KEY (tenant_id, cohort_id) REFERENCES coaching_cohorts (tenant_id, id);
--> statement-breakpoint
ALTER TABLE coaching_referrals ADD CONSTRAINT coaching_referrals_referrer_fk
  FOREIGN KEY (tenant_id, referrer_id) REFERENCES users (tenant_id, id);
--> statement-breakpoint
ALTER TABLE coaching_referrals ADD CONSTRAINT coaching_referrals_area_fk
  FOREIGN KEY (tenant_id, area_id) REFERENCES neighbourhoods (tenant_id, id);
--> statement-breakpoint
ALTER TABLE coaching_referrals ADD CONSTRAINT coaching_referrals_household_fk
  FOREIGN KEY (tenant_id, household_id) REFERENCES households (tenant_id, id);
--> statement-breakpoint
ALTER TABLE coaching_coaches ADD CONSTRAINT coaching_coaches_user_fk
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id);
--> statement-breakpoint
ALTER TABLE coaching_attendance ADD CONSTRAINT coaching_attendance_session_fk
  FOREIGN KEY (tenant_id, session_id) REFERENCES coaching_training_sessions (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE coaching_attendance ADD CONSTRAINT coaching_attendance_coach_fk
  FOREIGN KEY (tenant_id, coach_id) REFERENCES coaching_coaches (tenant_id, user_id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE coaching_trajectories ADD CONSTRAINT coaching_trajectories_referral_fk
  FOREIGN KEY (tenant_id, referral_id) REFERENCES coaching_referrals (tenant_id, id);
--> statement-breakpoint
ALTER TABLE coaching_trajectories ADD CONSTRAINT coaching_trajectories_cohort_fk
  FOREIGN KEY (tenant_id, cohort_id) REFERENCES coaching_cohorts (tenant_id, id);
--> statement-breakpoint
ALTER TABLE coaching_trajectories ADD CONSTRAINT coaching_trajectories_coach_fk
  FOREIGN KEY (tenant_id, coach_id) REFERENCES coaching_coaches (tenant_id, user_id);
--> statement-breakpoint
ALTER TABLE coaching_trajectories ADD CONSTRAINT coaching_trajectories_household_fk
  FOREIGN KEY (tenant_id, household_id) REFERENCES households (tenant_id, id);
--> statement-breakpoint
ALTER TABLE coaching_meetings ADD CONSTRAINT coaching_meetings_trajectory_fk
  FOREIGN KEY (tenant_id, trajectory_id) REFERENCES coaching_trajectories (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE coaching_goals ADD CONSTRAINT coaching_goals_trajectory_fk
  FOREIGN KEY (tenant_id, trajectory_id) REFERENCES coaching_trajectories (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE coaching_checkins ADD CONSTRAINT coaching_checkins_trajectory_fk
  FOREIGN KEY (tenant_id, trajectory_id) REFERENCES coaching_trajectories (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE coaching_supporters ADD CONSTRAINT coaching_supporters_trajectory_fk
  FOREIGN KEY (tenant_id, trajectory_id) REFERENCES coaching_trajectories (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE coaching_supporters ADD CONSTRAINT coaching_supporters_volunteer_fk
  FOREIGN KEY (tenant_id, volunteer_id) REFERENCES volunteers (tenant_id, user_id);
--> statement-breakpoint
ALTER TABLE coaching_worries ADD CONSTRAINT coaching_worries_trajectory_fk
  FOREIGN KEY (tenant_id, trajectory_id) REFERENCES coaching_trajectories (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE coaching_goals ADD CONSTRAINT coaching_goals_progress_range CHECK (progress BETWEEN 0 AND 4);
--> statement-breakpoint
ALTER TABLE coaching_meetings ADD CONSTRAINT coaching_meetings_minutes_range CHECK (minutes BETWEEN 1 AND 1440);
--> statement-breakpoint
ALTER TABLE coaching_coaches ADD CONSTRAINT coaching_coaches_capacity_range CHECK (capacity BETWEEN 0 AND 5);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON coaching_programmes, coaching_cohorts, coaching_referrals,
  coaching_coaches, coaching_training_sessions, coaching_attendance, coaching_trajectories,
  coaching_meetings, coaching_goals, coaching_checkins, coaching_supporters, coaching_worries TO samen_app;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['coaching_programmes', 'coaching_cohorts', 'coaching_referrals',
    'coaching_coaches', 'coaching_training_sessions', 'coaching_attendance', 'coaching_trajectories',
    'coaching_meetings', 'coaching_goals', 'coaching_checkins', 'coaching_supporters',
    'coaching_worries'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id())',
      t
    );
  END LOOP;
END $$;
