/** Profiles: {@link dev.berth.model.profile.ProfileFilter} keeps the services the active profiles enable. */
package dev.berth.model.profile;
