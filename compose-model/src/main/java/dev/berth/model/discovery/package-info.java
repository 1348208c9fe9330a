/**
 * Project identity before any file is read: which compose files
 * ({@link dev.berth.model.discovery.ComposeFileDiscovery}), which project directory, and which project name
 * ({@link dev.berth.model.discovery.ProjectNames}).
 */
package dev.berth.model.discovery;
