/** Environmental acceptance limits (GB 15982-2012 defaults) and compliance targets per sample type. */
package org.hospital.surveillance.rules.environment;
