/**
 * A Salesforce simulator for demo mode, tests and benchmarks: {@link io.salesforcealerts.simulator.SimulatedOrg}
 * generates a deterministic org (licences, profiles, a lazily generated user population) and
 * {@link io.salesforcealerts.simulator.SalesforceSimulator} serves it over HTTP with Salesforce's wire formats
 * (OAuth token/revoke, REST query/queryMore/limits, error shapes), with faults switchable at runtime through
 * {@link io.salesforcealerts.simulator.SimulatorFaults}.
 */
package io.salesforcealerts.simulator;
