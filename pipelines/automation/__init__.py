"""Automation by domain: sensors and schedules live with their domain's package.

``pipelines.definitions`` loads every SensorDefinition and ScheduleDefinition found in the
modules of this package (and the jobs they target with them): a new sensor or schedule is a
new definition in a module here, not a line in a hub.

- ``inbox``: the inbox sensor (new bundles -> the main job) and the run-status sensors that
  archive a bundle after its run succeeded or note why it failed.
- ``reporting``: the quarterly and annual report schedules and the job they run.
"""
